// TEST ONLY: runs the command line from its TypeScript sources in a real child process, as
// bin/exposure-check.js runs the built one.
import { main } from '../../cli/main.js';

process.exitCode = await main(process.argv.slice(2));
