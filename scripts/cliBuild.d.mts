// Types for scripts/cliBuild.mjs (imported by the launcher tests).
import type { BuildOptions, Plugin } from 'esbuild';
export declare const CLI_MAIN_HEADER: string;
export declare const CLI_MAIN_FILE: string;
export declare const CLI_MAIN_WRAP: readonly [string, string];
export declare function dropBuiltinInterop(text: string): string;
export declare function writeCli(options: { outfile: string; mainText: string; launcher?: string; banner?: BuildOptions['banner']; common?: BuildOptions }): Promise<string>;
export declare function bundleMain(options?: { entry?: string; common?: BuildOptions; plugins?: Plugin[]; lazyTools?: boolean }): Promise<string>;
export declare function lazyToolsModule(options?: { registry?: string; common?: BuildOptions }): Promise<string>;
export declare function lazyToolsPlugin(options?: { registry?: string; common?: BuildOptions }): Promise<Plugin>;
