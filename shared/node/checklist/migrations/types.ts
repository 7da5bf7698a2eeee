/** One numbered step of the schema; each runs in its own transaction with `PRAGMA user_version`. */
export interface Migration {
  version: number;
  name: string;
  /** SQL run as one script inside the migration's transaction. */
  up: string;
}
