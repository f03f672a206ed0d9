/** Minimal `--name value` / `--flag` parsing for the tools (positional arguments kept in order). */
export interface CliArgs {
  positional: string[];
  options: Record<string, string | true>;
}

export const parseArgs = (argv: string[]): CliArgs => {
  const positional: string[] = [];
  const options: Record<string, string | true> = {};
  for (let index = 0; index < argv.length; index += 1) {
    const arg = argv[index]!;
    if (arg === '--') continue;
    if (!arg.startsWith('--')) {
      positional.push(arg);
      continue;
    }
    const [name, inline] = arg.slice(2).split(/=(.*)/s, 2);
    const next = argv[index + 1];
    if (inline !== undefined) options[name!] = inline;
    else if (next !== undefined && !next.startsWith('--')) {
      options[name!] = next;
      index += 1;
    } else options[name!] = true;
  }
  return { positional, options };
};

export const stringOption = (args: CliArgs, name: string): string | undefined => {
  const value = args.options[name];
  return typeof value === 'string' ? value : undefined;
};
