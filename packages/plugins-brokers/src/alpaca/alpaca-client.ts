import { Alpaca, marketData, trading } from '@alpacahq/alpaca-trade-api';

/** Where the Alpaca client's requests go. */
export interface AlpacaEndpoints {
  readonly keyId: string;
  readonly secretKey: string;
  readonly paper?: boolean;
  readonly baseUrl?: string;
  readonly dataBaseUrl?: string;
  readonly timeoutMs: number;
  readonly clientRateLimit: boolean;
}

const trim = (url: string): string => url.replace(/\/+$/, '');

/**
 * Creates the Alpaca v4 client. The SDK has no base-URL option: its requests go to the fixed Alpaca hosts, so a
 * `fetchApi` wrapper rewrites those hosts to `baseUrl` / `dataBaseUrl` when they are set. Retries are left to the
 * adapter (one policy for every venue), so the SDK's own are off.
 */
export function createAlpacaClient(endpoints: AlpacaEndpoints): Alpaca {
  const rewrites: [string, string][] = [];
  if (endpoints.baseUrl !== undefined) {
    rewrites.push([trading.TRADING_PAPER_HOST, trim(endpoints.baseUrl)], [trading.TRADING_LIVE_HOST, trim(endpoints.baseUrl)]);
  }
  if (endpoints.dataBaseUrl !== undefined) {
    rewrites.push([marketData.MARKET_DATA_HOST, trim(endpoints.dataBaseUrl)], [marketData.MARKET_DATA_SANDBOX_HOST, trim(endpoints.dataBaseUrl)]);
  }
  const fetchApi = (input: Parameters<typeof fetch>[0], init?: RequestInit): Promise<Response> => {
    let target = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    for (const [host, replacement] of rewrites) {
      if (target.startsWith(host)) {
        target = replacement + target.slice(host.length);
        break;
      }
    }
    return fetch(target, init);
  };
  return new Alpaca({
    keyId: endpoints.keyId,
    secret: endpoints.secretKey,
    paper: endpoints.paper ?? true,
    timeoutMs: endpoints.timeoutMs,
    retry: false,
    ...(endpoints.clientRateLimit ? {} : { rateLimit: false }),
    ...(rewrites.length === 0 ? {} : { fetchApi: fetchApi as trading.FetchAPI }),
  });
}
