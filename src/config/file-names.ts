/**
 * The file names Driftwarden looks for by default. Kept apart from load.ts (which pulls in the YAML
 * parser and the schema validator) so that declaring the CLI's flags and help text stays instant.
 */
export const CONFIG_FILE_NAME = 'driftwarden.yaml';
export const IGNORE_FILE_NAME = '.driftignore';
