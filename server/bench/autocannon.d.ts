// The part of autocannon 9's API the load bench uses (the package ships no types).
declare module 'autocannon' {
  interface Request { method?: string; path?: string; headers?: Record<string, string>; body?: string; setupRequest?: (request: Request) => Request }
  interface Options { url: string; connections?: number; duration?: number; amount?: number; pipelining?: number; requests?: Request[]; headers?: Record<string, string> }
  interface Histogram { p50: number; p99: number; average: number; mean: number; total: number }
  interface Result { requests: Histogram & { sent: number }; latency: Histogram; '2xx': number; non2xx: number; errors: number; timeouts: number; duration: number }
  function autocannon(options: Options): Promise<Result>;
  export default autocannon;
}
