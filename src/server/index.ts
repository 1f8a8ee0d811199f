// The web server: buildServer for tests and embedding, startServer for `jixiao serve`.
export { buildServer, packageRoot, CSP_DIRECTIVES, type ServerOptions } from './app.js';
export { startServer, importSamplesIfEmpty, type StartOptions, type Started } from './start.js';
export { HttpError } from './errors.js';
export { DEFAULT_UPLOAD_LIMIT, MAX_FILES } from './upload.js';
export * as schemas from './schemas.js';
