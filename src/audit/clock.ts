/**
 * The clock of audit entries and break-glass sessions. Production reads the system time, and
 * nothing in the environment of the `driftwarden` binary can move it (a clock taken from an
 * environment variable would let anyone open a session until 2099, expire everyone else's and
 * stamp forged times into entries that still verify). Tests inject a clock through code: the
 * library APIs take a `Clock`, and the CLI's `Io` carries one (test/support/cli-launcher.ts).
 */
export type Clock = () => Date;

export const systemClock: Clock = () => new Date();
