// Command-line entry points run the same service code as the app. `server-only` guards that code
// from client bundles and throws outside a React Server environment; here it resolves to nothing.
// (The alternative, --conditions=react-server, would also swap React for its server build, which
// the PDF renderer cannot use.)
import { register } from 'node:module';

register('./server-only-resolve.mjs', import.meta.url);
