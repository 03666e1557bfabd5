import { allow, ask, decisionTable } from '../support/decisionTable';
import { testFacts } from '../support/policyFixtures';

/**
 * Stop 33, red team round 18 (shells): cloud CLIs called inside Python (`python3 -m azure.cli`,
 * `get_default_cli().invoke([...])`, gcloud's and awscli's main reading the program's own arguments or
 * a `sys.argv` the code sets, `runpy.run_module('awscli')`) are those CLIs' command lines, judged by the
 * same rules; each sits next to the same road carrying a routine command, which stays allowed.
 */
const table = decisionTable(testFacts({ files: { '/work/app/.env': 'DATABASE_URL=postgres://postgres:postgres@localhost:5432/acme_dev\n' } }));

table('a cloud CLI run in-process from Python', [
  ask('python3 -m azure.cli group delete -n acme-prod --yes', { production: true }),
  ask(`python3 -c "from azure.cli.core import get_default_cli; get_default_cli().invoke(['group','delete','-n','acme-prod','--yes'])"`, { production: true }),
  ask(`python3 -c "from azure.cli.core import get_default_cli as g; cli = g(); cli.invoke(['group','delete','-n','acme-prod','--yes'])"`, { production: true }),
  ask(`python3 -c "from googlecloudsdk.gcloud_main import main; main()" sql instances delete acme-prod`, { production: true }),
  ask(`python3 -c "from awscli.clidriver import main; main(['s3','rm','s3://acme-prod-uploads','--recursive'])"`, { production: true }),
  ask(`python3 -c "import sys; from awscli.clidriver import main; sys.exit(main())" s3 rm s3://acme-prod-uploads --recursive`, { production: true }),
  ask(`python3 -c "import runpy,sys; sys.argv=['aws','s3','rb','s3://acme-prod-uploads','--force']; runpy.run_module('awscli', run_name='__main__')"`, { production: true }),
  ask(`python3 -c "from awscli import clidriver; d = clidriver.create_clidriver(); d.main(['s3','rb','s3://acme-prod','--force'])"`, { production: true }),
  allow('python3 -m azure.cli group list'),
  allow(`python3 -c "from azure.cli.core import get_default_cli; get_default_cli().invoke(['group','list'])"`),
  allow(`python3 -c "from googlecloudsdk.gcloud_main import main; main()" sql instances list`),
  allow(`python3 -c "from awscli.clidriver import main; main(['s3','ls'])"`),
  allow(`python3 -c "import sys; from awscli.clidriver import main; sys.exit(main())" s3 ls`),
  allow(`python3 -c "import runpy,sys; sys.argv=['aws','s3','ls']; runpy.run_module('awscli', run_name='__main__')"`),
  allow(`python3 -c "import sys; from awscli.clidriver import main; sys.exit(main())"`),
]);

table('a command run through a Python process library (sh, plumbum, invoke, fabric, pexpect, delegator)', [
  ask(`python3 -c "import sh; sh.kubectl('delete','namespace','payments')"`),
  ask(`python3 -c "import sh; sh.kubectl.delete('ns','payments')"`),
  ask(`python3 -c "from sh import kubectl; kubectl('delete','ns','payments')"`),
  ask(`python3 -c "import sh; sh.Command('kubectl')('delete','ns','payments')"`),
  ask(`python3 -c "from plumbum import local; local['kubectl']['delete','ns','payments']()"`),
  ask(`python3 -c "from plumbum.cmd import kubectl; kubectl['delete','ns','payments']()"`),
  ask(`python -c "import invoke; invoke.run('kubectl delete ns payments')"`),
  ask(`python -c "from invoke import Context; c = Context(); c.run('kubectl delete ns payments')"`),
  ask(`python -c "import pexpect; pexpect.spawn('kubectl', ['delete','ns','payments'])"`),
  ask(`python -c "import delegator; delegator.run('kubectl delete ns payments')"`),
  ask(`python -c "import invoke; invoke.run(open('cmd.txt').read())"`),
  ask(`python -c "from invoke import Context; Context().run('kubectl delete ns payments')"`),
  ask(`python -c "from fabric import Connection; Connection('web1').sudo('kubectl delete ns payments')"`),
  allow(`python3 -c "import sh; sh.kubectl('get','pods')"`),
  allow(`python3 -c "from sh import kubectl; kubectl('get','ns')"`),
  allow(`python3 -c "from plumbum import local; local['kubectl']['get','ns']()"`),
  allow(`python -c "import invoke; invoke.run('kubectl get ns')"`),
  allow(`python -c "from fabric import Connection; Connection('web1').run('uptime')"`),
  allow(`python -c "from invoke import Context; Context().run('kubectl get ns')"`),
  allow(`python -c "import pexpect; pexpect.run('kubectl get ns')"`),
  allow(`python -c "import delegator; print(delegator.run('git status').out)"`),
  allow(`python -c "import invoke, subprocess; subprocess.run(['ls']); invoke.run('ls')"`),
]);

table('the verb floor still judges the undescribed commands of CLIs now described for their SQL (databricks, snow)', [
  ask('databricks fs rm -r dbfs:/mnt/raw/events', { production: true }),
  ask('databricks clusters permanent-delete 0301-123456-abcd123'),
  ask('snow object drop table orders -c prod'),
  allow('databricks clusters list'),
  allow('snow object list table -c prod'),
]);
