/** The argument after `hook` that asks for the hook's code cache to be written (see hook.ts, launcher.ts). */
export const PREPARE_CACHE = '--prepare-cache';
