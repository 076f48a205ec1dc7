/** A msgpack timestamp (extension type -1), as Alpaca's market-data stream sends times. */
export class MsgpackTimestamp {
  constructor(readonly epochMs: number) {}
}

/**
 * A small msgpack encoder for the fake market-data stream (the subset Alpaca frames use: nil, booleans,
 * numbers, strings, arrays, maps and timestamps), written from the msgpack specification.
 */
export function encodeMsgpack(value: unknown): Buffer {
  const parts: Buffer[] = [];
  const write = (item: unknown): void => {
    if (item === null || item === undefined) parts.push(Buffer.from([0xc0]));
    else if (item === false) parts.push(Buffer.from([0xc2]));
    else if (item === true) parts.push(Buffer.from([0xc3]));
    else if (typeof item === 'number') {
      if (Number.isInteger(item) && item >= 0 && item < 128) parts.push(Buffer.from([item]));
      else if (Number.isInteger(item) && item >= 0 && item <= 0xffffffff) {
        const buffer = Buffer.alloc(5);
        buffer[0] = 0xce;
        buffer.writeUInt32BE(item, 1);
        parts.push(buffer);
      } else {
        const buffer = Buffer.alloc(9);
        buffer[0] = 0xcb;
        buffer.writeDoubleBE(item, 1);
        parts.push(buffer);
      }
    } else if (typeof item === 'string') {
      const bytes = Buffer.from(item, 'utf8');
      if (bytes.length < 32) parts.push(Buffer.from([0xa0 | bytes.length]));
      else if (bytes.length < 256) parts.push(Buffer.from([0xd9, bytes.length]));
      else {
        const head = Buffer.alloc(3);
        head[0] = 0xda;
        head.writeUInt16BE(bytes.length, 1);
        parts.push(head);
      }
      parts.push(bytes);
    } else if (item instanceof MsgpackTimestamp) {
      // timestamp 96: ext 8, length 12, type -1, then nanoseconds (uint32) and seconds (int64)
      const seconds = Math.floor(item.epochMs / 1000);
      const buffer = Buffer.alloc(15);
      buffer[0] = 0xc7;
      buffer[1] = 12;
      buffer[2] = 0xff;
      buffer.writeUInt32BE((item.epochMs - seconds * 1000) * 1_000_000, 3);
      buffer.writeBigInt64BE(BigInt(seconds), 7);
      parts.push(buffer);
    } else if (Array.isArray(item)) {
      if (item.length < 16) parts.push(Buffer.from([0x90 | item.length]));
      else {
        const head = Buffer.alloc(3);
        head[0] = 0xdc;
        head.writeUInt16BE(item.length, 1);
        parts.push(head);
      }
      for (const element of item) write(element);
    } else if (typeof item === 'object') {
      const entries = Object.entries(item as Record<string, unknown>).filter(([, entry]) => entry !== undefined);
      if (entries.length < 16) parts.push(Buffer.from([0x80 | entries.length]));
      else {
        const head = Buffer.alloc(3);
        head[0] = 0xde;
        head.writeUInt16BE(entries.length, 1);
        parts.push(head);
      }
      for (const [key, entry] of entries) {
        write(key);
        write(entry);
      }
    } else throw new TypeError(`cannot encode a ${typeof item} as msgpack`);
  };
  write(value);
  return Buffer.concat(parts);
}

/** Decodes the msgpack subset the Alpaca SDK sends (maps of strings, string arrays, numbers, booleans). */
export function decodeMsgpack(input: Buffer): unknown {
  let offset = 0;
  const bytes = (count: number): Buffer => {
    const slice = input.subarray(offset, offset + count);
    offset += count;
    return slice;
  };
  const string = (length: number): string => bytes(length).toString('utf8');
  const array = (length: number): unknown[] => Array.from({ length }, () => read());
  const map = (length: number): Record<string, unknown> => {
    const result: Record<string, unknown> = {};
    for (let index = 0; index < length; index++) {
      const key = String(read());
      result[key] = read();
    }
    return result;
  };
  const read = (): unknown => {
    const type = input[offset++]!;
    if (type < 0x80) return type;
    if (type >= 0xe0) return type - 0x100;
    if ((type & 0xf0) === 0x80) return map(type & 0x0f);
    if ((type & 0xf0) === 0x90) return array(type & 0x0f);
    if ((type & 0xe0) === 0xa0) return string(type & 0x1f);
    switch (type) {
      case 0xc0:
        return null;
      case 0xc2:
        return false;
      case 0xc3:
        return true;
      case 0xca:
        return bytes(4).readFloatBE(0);
      case 0xcb:
        return bytes(8).readDoubleBE(0);
      case 0xcc:
        return bytes(1).readUInt8(0);
      case 0xcd:
        return bytes(2).readUInt16BE(0);
      case 0xce:
        return bytes(4).readUInt32BE(0);
      case 0xcf:
        return Number(bytes(8).readBigUInt64BE(0));
      case 0xd0:
        return bytes(1).readInt8(0);
      case 0xd1:
        return bytes(2).readInt16BE(0);
      case 0xd2:
        return bytes(4).readInt32BE(0);
      case 0xd3:
        return Number(bytes(8).readBigInt64BE(0));
      case 0xd9:
        return string(bytes(1).readUInt8(0));
      case 0xda:
        return string(bytes(2).readUInt16BE(0));
      case 0xdb:
        return string(bytes(4).readUInt32BE(0));
      case 0xdc:
        return array(bytes(2).readUInt16BE(0));
      case 0xdd:
        return array(bytes(4).readUInt32BE(0));
      case 0xde:
        return map(bytes(2).readUInt16BE(0));
      case 0xdf:
        return map(bytes(4).readUInt32BE(0));
      default:
        throw new TypeError(`msgpack type 0x${type.toString(16)} is not supported by this decoder`);
    }
  };
  return read();
}
