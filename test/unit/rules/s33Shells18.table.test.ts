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
