import { SdkError } from '../../errors/sdk-error.js';

/** Wraps a file-system error (missing file, no permission, a folder) into GM_DATA_FILE naming the file. */
export function toDataFileError(error: unknown, file: string, absolutePath: string): Error {
  if (SdkError.is(error)) return error;
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  if (typeof code === 'string') {
    const reason = code === 'ENOENT' ? 'the file does not exist' : code === 'EISDIR' ? 'the path is a folder' : code === 'EACCES' || code === 'EPERM' ? 'permission denied' : code;
    return new SdkError('GM_DATA_FILE', `${file}: cannot read the data file (${reason}): ${absolutePath}`, { cause: error, details: { file, path: absolutePath, code } });
  }
  return error instanceof Error ? error : new Error(String(error));
}
