// The streams a command writes to; tests pass buffers, the real CLI passes process streams.
export interface CliIO {
  stdout: { write(s: string): unknown; isTTY?: boolean; columns?: number };
  stderr: { write(s: string): unknown; isTTY?: boolean };
  stdin?: NodeJS.ReadableStream;
  /** Working directory for relative paths. */
  cwd: string;
  /** Environment (KQLITE_CACHE_DIR); the real CLI passes process.env, tests usually none. */
  env?: Readonly<Record<string, string | undefined>>;
}

/** One sub-command: raw argv after the command word(s) → exit code. */
export type Command = (argv: string[], io: CliIO) => Promise<number>;
