// Types of scripts/check-docs.mjs, for the tests of the docs checks.
export interface LinkProblem {
  readonly file: string;
  readonly line: number;
  readonly target: string;
  readonly problem: string;
}
export interface BlockResult {
  readonly file: string;
  readonly line: number;
  readonly ok: boolean;
  readonly problem: string | null;
  readonly ms: number;
  readonly output: string;
  /** The block as it ran: its default address pointed at the server's port. */
  readonly script: string;
}
export declare function docsFiles(root: string): string[];
export declare function checkDocs(options?: { root?: string; files?: string[]; cli?: string; log?: (line: string) => void }): Promise<{
  links: { checked: number; problems: LinkProblem[] };
  blocks: BlockResult[];
}>;
