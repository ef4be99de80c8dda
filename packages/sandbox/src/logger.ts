/** Where the sandbox writes what operators of a server want to see. */
export interface Logger {
  /** One line of normal operation, such as each SMS sent. */
  info(line: string): void;
  /** An unexpected failure; the client only ever sees a bare `internal_error`. */
  error(line: string, error?: unknown): void;
}

/** Logs failures only: the default for tests and the browser. */
export const quietLogger: Logger = {
  info() {},
  error(line, error) {
    console.error(line, error);
  },
};

/** Logs everything to the console: the CLI server's logger. */
export const consoleLogger: Logger = {
  info(line) {
    console.log(line);
  },
  error(line, error) {
    console.error(line, error);
  },
};
