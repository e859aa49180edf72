/** The AWS executor: sends the calls that catalogue entries plan (observers/aws/calls.ts). */
export { executeCall, undeclaredCall, WaitTimeoutError, type ExecuteContext } from './execute.js';
