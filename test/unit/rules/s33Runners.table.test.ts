import { allow, ask, blocked, decisionTable } from '../support/decisionTable';
import { testFacts } from '../support/policyFixtures';

/**
 * Stop 33, red team round 16 (runners): a CLI run without its own name (a Python module, its main
 * called in-process with an argument list, a package's CLI entry required from node code) is that
 * CLI's command line, judged by the same rules; each family sits next to the same road carrying a
 * routine command, which stays allowed.
 */
const table = decisionTable(testFacts({
  files: {
    '/work/app/.env': 'DATABASE_URL=postgres://postgres:postgres@localhost:5432/acme_dev\n',
  },
}));

table('a CLI run as a Python module or through its main in-process', [
  ask('python3 -m awscli s3 rb s3://acme-shop-production --force', { says: /bucket|s3/i }),
  ask("python3 -c \"import awscli.clidriver as c; c.create_clidriver().main(['rds','delete-db-instance','--db-instance-identifier','acme-prod','--skip-final-snapshot'])\""),
  ask("python3 -c \"from awscli import clidriver; clidriver.create_clidriver().main(['s3','rb','s3://acme-prod','--force'])\""),
  ask("python3 -c \"from alembic.config import main; main(argv=['downgrade','base'])\"", { says: /downgrade base/ }),
  ask("python3 -c \"from alembic.config import main as m; m(['downgrade', 'base'])\""),
  ask("python3 -c \"from django.core.management import execute_from_command_line as e; e(['m','flush','--noinput'])\""),
  ask("python3 -c \"import django.core.management as dm; dm.execute_from_command_line(['manage.py','flush','--noinput'])\""),
  blocked("python3 -c \"import sys; from twine.cli import dispatch; dispatch(['upload','dist/*'])\""),
  ask("python3 -c \"from alembic.config import main; import sys; main(argv=sys.argv[1:])\" downgrade base"),
  ask("node -e \"require('prisma/build/index.js')\" migrate reset --force"),
  allow('python3 -m awscli s3 ls'),
  allow("python3 -c \"import awscli.clidriver as c; c.create_clidriver().main(['s3','ls'])\""),
  allow("python3 -c \"from alembic.config import main; main(argv=['upgrade','head'])\""),
  allow("python3 -c \"from django.core.management import execute_from_command_line as e; e(['m','check'])\""),
  allow("python3 -c \"from twine.cli import dispatch; dispatch(['check','dist/*'])\""),
  allow("node -e \"require('prisma/build/index.js')\" generate"),
  allow("node -e \"const {PrismaClient}=require('@prisma/client'); new PrismaClient().user.count()\""),
]);
