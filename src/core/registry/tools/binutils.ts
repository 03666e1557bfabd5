import type { ToolSpec } from '../types';
import { flag, valued } from './options';

/**
 * Object-file tools that write a program file (stop 36, red team round 24: `objcopy /bin/true
 * .git/hooks/pre-commit`): what each writes is a write of that path (`outputOptions`,
 * `outputOperands`, read by `policy/registryOutputs.ts`), judged by the perimeter and the places that
 * run what is written there later, like `cc -o`. From each manual: `objcopy [opts] IN [OUT]` (one
 * operand is rewritten in place), `strip [-o OUT] FILE…` and `ranlib FILE…` (in place), `ld`/`as -o
 * OUT` (`a.out` by default), `patchelf [--output OUT] FILE` and `upx [-o OUT] FILE…` (in place).
 */

const binary = { family: 'files', locality: 'local', abbreviations: false } as const;

/** Options of GNU objcopy/strip that take a value (the rest are switches). */
const OBJCOPY_VALUED = [
  valued('-I', '--input-target'), valued('-O', '--output-target'), valued('-F', '--target'), valued('-B', '--binary-architecture'), valued('-j', '--only-section'),
  valued('-R', '--remove-section'), valued('-K', '--keep-symbol'), valued('-N', '--strip-symbol'), valued('-L', '--localize-symbol'), valued('-G', '--keep-global-symbol'),
  valued('-W', '--weaken-symbol'), valued('-b', '--byte'), valued('-i', '--interleave'), valued('--add-section'), valued('--update-section'), valued('--set-section-flags'),
  valued('--rename-section'), valued('--redefine-sym'), valued('--add-symbol'), valued('--add-gnu-debuglink'), valued('--only-keep-debug'), valued('--pad-to'), valued('--gap-fill'),
];

export const objcopy: ToolSpec = {
  ...binary,
  names: ['objcopy', 'llvm-objcopy', 'x86_64-linux-gnu-objcopy', 'aarch64-linux-gnu-objcopy'],
  unknownLong: 'switch',
  unknownShort: 'switch',
  outputOperands: 'last',
  options: [...OBJCOPY_VALUED, flag('-S', '--strip-all'), flag('-g', '--strip-debug'), flag('-p', '--preserve-dates'), flag('-V', '--version'), flag('--help')],
};

export const strip: ToolSpec = {
  ...binary,
  names: ['strip', 'llvm-strip', 'eu-strip', 'x86_64-linux-gnu-strip', 'aarch64-linux-gnu-strip'],
  unknownLong: 'switch',
  unknownShort: 'switch',
  outputOptions: ['-o'],
  outputOperands: 'all',
  options: [valued('-o'), ...OBJCOPY_VALUED, flag('-s', '--strip-all'), flag('-g', '-d', '--strip-debug'), flag('-p', '--preserve-dates'), flag('-V', '--version'), flag('--help')],
};

export const ranlib: ToolSpec = {
  ...binary,
  names: ['ranlib', 'llvm-ranlib'],
  outputOperands: 'all',
  options: [flag('-D'), flag('-U'), flag('-t'), flag('-V', '--version'), flag('-h', '--help')],
};

export const linker: ToolSpec = {
  ...binary,
  names: ['ld', 'ld.bfd', 'ld.gold', 'ld.lld', 'lld', 'as', 'gas', 'llvm-as'],
  unknownLong: 'switch',
  unknownShort: 'switch',
  outputOptions: ['-o', '--output'],
  options: [valued('-o', '--output'), valued('-T', '--script'), valued('-L', '--library-path'), valued('-l', '--library'), valued('-e', '--entry'), valued('-m'), valued('-I'), flag('-v', '--version'), flag('--help')],
};

export const patchelf: ToolSpec = {
  ...binary,
  names: ['patchelf'],
  outputOptions: ['--output'],
  outputOperands: 'all',
  options: [valued('--output'), valued('--set-interpreter'), valued('--set-rpath'), valued('--add-rpath'), valued('--replace-needed'), valued('--add-needed'), valued('--remove-needed'), valued('--set-soname'),
    valued('--page-size'), flag('--print-interpreter'), flag('--print-rpath'), flag('--print-needed'), flag('--print-soname'), flag('--shrink-rpath'), flag('--force-rpath'), flag('--version'), flag('--help')],
};

export const upx: ToolSpec = {
  ...binary,
  names: ['upx'],
  unknownShort: 'switch',
  unknownLong: 'switch',
  outputOptions: ['-o'],
  outputOperands: 'all',
  options: [valued('-o'), flag('-d'), flag('-t'), flag('-l'), flag('-q'), flag('-f'), flag('-V', '--version'), flag('-h', '--help')],
};
