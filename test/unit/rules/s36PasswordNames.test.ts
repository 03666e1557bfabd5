import * as assert from 'node:assert/strict';
import { asksNamingNoPassword } from '../support/passwordRows';

/**
 * A password change read by the verb floor names the account it changes, never the words after it: in
 * `acmectl user set-password admin <new>` the last word is the new password, and a reason or target that
 * repeated it would print a secret in the dialog and the audit log (stop 36 merge review).
 */
describe('verb floor: a password change never names the new password', () => {
  // Assembled at run time: no password-shaped literal sits in the source.
  const secret = ['Pw', String(7 * 11), 'q', 'Zx', 'Ko', String(3 * 3 * 101)].join('');
  const rows = [
    `mycli set-pass root ${secret}`,
    `acmectl user set-password admin ${secret}`,
    `fooctl account chpasswd ops ${secret}`,
    `barctl users passwd deploy ${secret} --yes`,
    `zedctl db reset-password app_user ${secret}`,
    `quxctl user newpw alice ${secret} bob`,
    // Stop 39 (found by round 33's engineer): the account in the command word, the value alone after it; or the account by an option.
    `grafana-cli admin reset-admin-password ${secret}`,
    `metabasectl reset-password ${secret} --email ops@acme.example`,
    `acmectl users reset-password --username bob ${secret}`,
    `zedctl admin set-root-password ${secret} --yes`,
    // Round 39 (the review of stop 39): the same through the secret-read path, with options before the command words.
    `grafana cli admin reset-admin-password ${secret}`,
    `sudo grafana-cli --homepath /usr/share/grafana admin reset-admin-password ${secret}`,
    `grafana-cli --config /etc/grafana/grafana.ini admin reset-admin-password ${secret}`,
  ];
  asksNamingNoPassword(rows, secret, (v) => assert.match(v.reasons.join('\n'), /password/));
});
