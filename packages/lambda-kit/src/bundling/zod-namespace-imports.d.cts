import type { Plugin } from 'esbuild';

export declare function rewriteZodImports(source: string): string | undefined;
export declare function zodNamespaceImports(): Plugin;
