import { runCli } from './run-cli';

const exitCode = await runCli(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  isTTY: process.stdout.isTTY === true,
  cwd: process.cwd(),
  env: process.env,
});
process.exitCode = exitCode;
