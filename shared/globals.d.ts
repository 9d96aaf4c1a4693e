// shared/ runs in the browser and in Node; these exist in both, but neither lib is loaded here on purpose.
declare function setTimeout(handler: () => void, ms?: number): unknown;
declare function clearTimeout(id: unknown): void;
declare function queueMicrotask(callback: () => void): void;
