import { consul, nomad } from './tools/orchestrators';
import { ansible, ansibleConsole, ansiblePlaybook } from './tools/ansible';
import { aws } from './tools/aws';
import { az, azcopy } from './tools/az';
import { docker, dockerCompose, nerdctl } from './tools/docker';
import { chmod, chown, cp, mkfs, mv, rm, rmdir, shred, truncate, unlink } from './tools/coreutils';
import { bolt, clush, knife, mco, pdsh, pyinfra, salt, saltCall, tsh } from './tools/fleets';
import { blkdiscard, crontab, csf, init, kill, nft, pfctl, sgdisk, iptables, passwd, power, systemctl, ufw } from './tools/hostAdmin';
import { doctl } from './tools/doctl';
import { argocd } from './tools/argocd';
import { eksctl } from './tools/eksctl';
import { scp, sort, tcpdump, valgrind } from './tools/programRunners';
import { chsh, gpasswd, setenforce, sshd, userdel, usermod, xattr } from './tools/hostAccounts';
import { auditctl, fdisk, ifconfig, ip, journalctl, mdadm, mount, nmcli, parted, pkill, service, sfdisk, sshCopyId, sysctl, umount } from './tools/hostOutage';
import { badblocks, chage, chpasswd, cryptsetup, efibootmgr, firewallCmd, fsRepair, groupmod, grubInstall, hdparm, hwclock, ifdown, kexec, kmod, lvreduce, modprobe, networkctl, ntpdate, nvme, resize2fs, supervisorctl, swapoff, tc, timedatectl, updateAlternatives, wsl, xfsRepair, zfs, zpool } from './tools/hostMachine';
import { codeServer, dockerd, gotty, jupyter, jupyterServer, ngrok, sshx, teleconsole, tmate, ttyd, ttyShare, upterm } from './tools/servers';
import { doppler } from './tools/doppler';
import { firebase } from './tools/firebase';
import { fly } from './tools/fly';
import { dokku } from './tools/dokku';
import { gcloud, gsutil } from './tools/gcloud';
import { gh } from './tools/gh';
import { glab } from './tools/forges';
import { atmos, terramate } from './tools/iacRunners';
import { cosign, crane, oras, regctl, skopeo } from './tools/imageRegistries';
import { helm } from './tools/helm';
import { heroku } from './tools/heroku';
import { kubectl, kubectx } from './tools/kubectl';
import { neon } from './tools/neon';
import { netlify } from './tools/netlify';
import { pscale } from './tools/pscale';
import { cdk, pulumi } from './tools/pulumi';
import { railway } from './tools/railway';
import { render } from './tools/render';
import { git } from './tools/git';
import { mosh, ssh, sftp } from './tools/ssh';
import { supabase } from './tools/supabase';
import { terraform, terragrunt } from './tools/terraform';
import { vercel } from './tools/vercel';
import { wrangler } from './tools/wrangler';
import { turso } from './tools/turso';
import { delCli, rimraf, rsync, secureDelete, trash } from './tools/sync';
import { createuser, dropdb, dropuser, pgArchivecleanup, pgCtl, pgCtlcluster, pgDropcluster, pgResetwal, pgRestore, pgRewind, psql } from './tools/postgres';
import { rabbitmqctl } from './tools/brokers';
import { mysql, mysqladmin } from './tools/mysql';
import { initdb, mysqld, pgUpgradecluster } from './tools/dbServers';
import { mongosh, redisCli, redisCheckAof } from './tools/nosql';
import { clickhouseClient, cqlsh, sqlcmd, sqlite3 } from './tools/sqlite';
import { beeline, cockroach, databricksSql, duckdb, impalaShell, mysqlsh, snowCli, snowsql, sparkSql, sqlplus, trino, usql, vsql } from './tools/sqlShells';
import { curl, eget, httpie, powershellWeb, wget } from './tools/webClients';
import { bun, cargo, gem, go, npm, pip, pipx, pnpm, poetry, uv, volta, yarn } from './tools/packageManagers';
import { apk, apt, brew, dnf, dpkg, pacman, rpm, snap, zypper } from './tools/systemPackages';
import { linker, objcopy, patchelf, ranlib, strip, upx } from './tools/binutils';
import { cc, crystal, dotnetScript, haskell, java, kotlin, nim, rustc, scalaCli, swift, yaegi, zig } from './tools/compilers';
import { changeset, dotnet, flit, goreleaser, hatch, np, pdm, semanticRelease, twine, vsce } from './tools/publishers';
import { awk, deno, kitty, netcat, screen, systemdRun, telnet, tmux, wezterm } from './tools/runners';
import { husky, lefthook, overcommit, preCommit } from './tools/hookManagers';
import { claudeCli, codexCli, geminiCli } from './tools/agentClis';
import { autossh, distrobox, eb, kamal, limactl, lxc, multipass, pssh, toolbox, vagrant } from './tools/vmShells';
import { bfg, gitFilterRepo } from './tools/historyRewriters';
import { ghstack, gitAnnex, gitDeleteBranch, gitDeleteTag, gitDeleteMergedBranches, gitDeleteSquashedBranches, gitClear, gitClearSoft, gitResetFile, gitUndo, gitObliterate, gitBranchless, gitLfs, gitMachete, gitSpice, gitSync, gitTown, gitUp, graphite, hg, hub, jj, spr, svn } from './tools/otherVcs';
import { chefClient, fab, jenkinsCli, mssh, mussh } from './tools/remoteRunners';
import { ab, artillery, esrally, hey, locust, memtierBenchmark, oha, redisBenchmark, siege, vegeta, wrk } from './tools/loadTests';
import type { ToolEntry, ToolSpec } from './types';

/**
 * Every tool the registry describes, one file each under `tools/`. Add a tool by writing
 * `tools/<name>.ts` exporting a `ToolSpec` and listing it here; the generated grammar table in
 * `test/unit/registry/` then covers it.
 */
export const TOOLS: readonly ToolSpec[] = [
  aws, gcloud, gsutil, az, azcopy, doctl, eksctl, argocd,
  railway, fly, dokku, heroku, vercel, netlify, supabase, neon, pscale, render, gh, glab, doppler, firebase, wrangler, turso,
  git, hg, jj, svn, graphite, gitSpice, spr, ghstack, gitTown, gitMachete, gitBranchless, gitLfs, gitAnnex, gitDeleteBranch, gitDeleteTag, gitDeleteMergedBranches, gitDeleteSquashedBranches, gitClear, gitClearSoft, gitResetFile, gitUndo, gitObliterate, hub, gitUp, gitSync, gitFilterRepo, bfg,
  nomad, consul, ssh, sftp, mosh, tsh, salt, saltCall, pdsh, clush, knife, mco, bolt, pyinfra, ansible, ansiblePlaybook, ansibleConsole, vagrant, multipass, lxc, limactl, kamal, eb, pssh, autossh, distrobox, toolbox, kubectl, kubectx, helm, docker, nerdctl, dockerCompose, crane, skopeo, oras, regctl, cosign,
  terraform, terragrunt, pulumi, cdk, terramate, atmos,
  psql, dropdb, pgRestore, pgDropcluster, pgCtl, pgCtlcluster, createuser, dropuser, pgResetwal, pgRewind, pgArchivecleanup, rabbitmqctl, redisCheckAof, mysql, mysqladmin, mysqld, initdb, pgUpgradecluster, mongosh, redisCli, sqlite3, sqlcmd, clickhouseClient, cqlsh, usql, cockroach, trino, snowsql, beeline, duckdb, mysqlsh, sqlplus, vsql, impalaShell, snowCli, sparkSql, databricksSql,
  curl, wget, eget, httpie, powershellWeb,
  systemdRun, tmux, screen, kitty, wezterm, netcat, telnet, awk, deno,
  npm, pnpm, yarn, bun, pip, pipx, uv, poetry, gem, volta, cargo, go, twine, flit, hatch, pdm, vsce, dotnet, np, semanticRelease, changeset, goreleaser, apt, dpkg, dnf, rpm, pacman, apk, zypper, snap, brew, cc, rustc, java, kotlin, swift, zig, crystal, nim, haskell, scalaCli, dotnetScript, yaegi,
  objcopy, strip, ranlib, linker, patchelf, upx,
  rm, rmdir, chmod, chown, mv, cp, shred, truncate, unlink, mkfs, rsync, rimraf, delCli, trash, secureDelete,
  power, init, systemctl, iptables, ufw, passwd, crontab, blkdiscard, sgdisk,
  preCommit, lefthook, husky, overcommit, claudeCli, codexCli, geminiCli,
  power, init, systemctl, iptables, ufw, passwd, crontab, blkdiscard, sgdisk, kill, nft, pfctl, csf,
  dockerd, jupyter, jupyterServer, ngrok, ttyd, gotty, tmate, upterm, sshx, teleconsole, ttyShare, codeServer, sort, tcpdump, scp, valgrind, usermod, chsh, gpasswd, userdel, setenforce, sshd, xattr,
  fab, mussh, mssh, chefClient, jenkinsCli,
  ab, wrk, hey, oha, siege, vegeta, locust, esrally, artillery, memtierBenchmark, redisBenchmark,
  fdisk, sfdisk, parted, mdadm, mount, umount, sysctl, ip, ifconfig, nmcli, service, pkill, journalctl, auditctl, sshCopyId, badblocks, chage, chpasswd, cryptsetup, efibootmgr, firewallCmd, fsRepair, groupmod, grubInstall, hdparm, hwclock, ifdown, kexec, kmod, lvreduce, modprobe, networkctl, ntpdate, nvme, resize2fs, supervisorctl, swapoff, tc, timedatectl, updateAlternatives, wsl, xfsRepair, zfs, zpool,
];

/**
 * The registry as lookups read it (commandModel.ts, globName.ts). Here every description is loaded
 * with this module; the CLI bundle's build replaces this file with one that lists the same names and
 * families and loads each tool's module on first use (`lazyToolsModule` in scripts/cliBuild.mjs,
 * checked against TOOLS by test/unit/registry/lazyTools.test.ts). Only TOOL_ENTRIES is read by code
 * the CLI bundles; TOOLS is for tests and tables.
 */
export const TOOL_ENTRIES: readonly ToolEntry[] = TOOLS.map((t) => ({ names: t.names, family: t.family, spec: () => t }));
