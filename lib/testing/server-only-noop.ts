// server-only is a build-time guard; under vitest every module runs on the server.
export {};
