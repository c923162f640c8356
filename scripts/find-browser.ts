/** `npm test` runs this first: without a browser the end-to-end tests cannot run, so say so at once. */
import { HOW_TO_GET_ONE, findChromium } from '../tests/e2e/browser';

const found = findChromium();
if (!found) {
  process.stderr.write(`${HOW_TO_GET_ONE}\n`);
  process.exit(1);
}
process.stdout.write(`End-to-end tests will use ${found}\n`);
