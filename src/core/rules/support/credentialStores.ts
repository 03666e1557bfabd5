import type { CredentialFileInfo, Facts } from '../../policy/types';
import { ownTable } from '../../ownTable';

/** Home folders that are credential stores as a whole (their files are keys and tokens). */
const HOME_STORES: Readonly<Record<string, string>> = ownTable({
  '.ssh': 'SSH private keys',
  '.aws': 'AWS credentials',
  '.gnupg': 'GnuPG private keys',
  '.azure': 'Azure credentials',
  '.kube': 'a kubeconfig',
  '.docker': 'Docker registry credentials',
  '.config/gcloud': 'Google Cloud credentials',
  '.config/gh': 'the GitHub token',
  '.config/sops': 'the SOPS age private keys',
  '.password-store': 'pass password entries',
  // Browser and mail profiles (round 11): saved passwords, session cookies and their keys, whatever parts exist.
  '.mozilla': "Firefox profiles (saved passwords, session cookies)",
  '.thunderbird': 'Thunderbird profiles (saved passwords)',
  '.config/google-chrome': 'Chrome profiles (saved passwords, session cookies)',
  '.config/chromium': 'Chromium profiles (saved passwords, session cookies)',
  '.config/BraveSoftware': 'Brave profiles (saved passwords, session cookies)',
  '.config/microsoft-edge': 'Edge profiles (saved passwords, session cookies)',
  'Library/Application Support/Firefox': 'Firefox profiles (saved passwords, session cookies)',
  'Library/Application Support/Google/Chrome': 'Chrome profiles (saved passwords, session cookies)',
});

/** A home folder that is a credential store as a whole (`~/.ssh`, `~/.mozilla`), named whether or not the index lists files in it. */
export function storeInfo(abs: string, facts: Facts): CredentialFileInfo | undefined {
  const home = facts.home.replace(/\/+$/, '');
  if (!home || !abs.startsWith(home + '/')) return undefined;
  const rel = abs.slice(home.length + 1).replace(/\/+$/, '');
  const label = HOME_STORES[rel];
  return label ? { path: `~/${rel}`, kind: 'credential-folder', label } : undefined;
}

