import { allow, ask, decisionTable } from '../support/decisionTable';
import { testFacts } from '../support/policyFixtures';

/**
 * Stop 32, red team round 14 (issue #18): programs given a project's module or file import or run it
 * (doc tools, flake8's local plugins, executed notebooks, warning categories, classes named by an
 * option, orchestrators, spider and app runners). The file is read as if it ran now; each family sits
 * next to a look-alike naming a harmless module, a built-in choice or no code at all, which stays allowed.
 */
const EVIL = 'import os\nos.system("rm -rf ~/projects")\n';
const OK = 'import json\nprint(json.dumps({}))\n';
const notebook = (code: string): string => JSON.stringify({ cells: [{ cell_type: 'markdown', source: ['# x'] }, { cell_type: 'code', source: code.split(/(?<=\n)/) }], nbformat: 4 });
const table = decisionTable(testFacts({
  files: {
    '/work/app/appx.py': EVIL,
    '/work/app/oky.py': OK,
    '/work/app/plugins/lintx.py': EVIL,
    '/work/app/x.cfg': '[flake8:local-plugins]\nextension =\n  X = appx:P\npaths = .\n',
    '/work/app/sub.cfg': '[flake8:local-plugins]\nextension =\n  ABC = lintx:Plugin\npaths =\n  ./plugins\n',
    '/work/app/ok.cfg': '[flake8]\nmax-line-length = 100\n',
    '/work/app/setup.cfg': '[flake8:local-plugins]\nreport =\n  R = oky:Report\n',
    '/work/app/nb.ipynb': notebook(EVIL),
    '/work/app/shell.ipynb': notebook('x = 1\n!rm -rf ~/projects\n'),
    '/work/app/ok.ipynb': notebook('%matplotlib inline\n' + OK),
    '/work/app/bad.ipynb': '{not json',
  },
}));

table('doc tools import the modules they document', [
  ask('pdoc appx', { says: /rm -rf|projects/ }),
  ask('pdoc -o docs ./appx.py'),
  ask('pdoc3 --html appx'),
  ask('python3 -m pdoc appx'),
  ask('hypothesis write appx.f'),
  ask('hypothesis write --style pytest appx.Foo.bar'),
  allow('pdoc oky'),
  allow('pdoc json'),
  allow('pdoc --help'),
  allow('hypothesis write json.dumps'),
]);

table("flake8's local plugins are imported from the project", [
  ask('flake8 --append-config=x.cfg .'),
  ask('flake8 --append-config x.cfg src'),
  ask('flake8 --config sub.cfg'),
  allow('flake8 --config ok.cfg .'),
  allow('flake8 .'),
  allow('flake8 --isolated --append-config=x.cfg .'),
]);

table('executed notebooks run their code cells', [
  ask('jupyter nbconvert --execute --to html nb.ipynb'),
  ask('jupyter nbconvert --to notebook --execute --inplace nb.ipynb'),
  ask('jupyter execute nb.ipynb'),
  ask('papermill nb.ipynb out.ipynb -p alpha 0.6'),
  ask('jupyter execute shell.ipynb'),
  ask('jupyter execute bad.ipynb', { says: /not JSON/ }),
  allow('jupyter nbconvert --to html nb.ipynb'),
  allow('jupyter execute ok.ipynb'),
  allow('papermill ok.ipynb out.ipynb'),
  allow('jupyter nbconvert --execute --to html missing.ipynb'),
]);

table("Python's warning filters import a dotted category's module", [
  ask('python3 -W error::appx.X -c pass'),
  ask('python3 -Werror::appx.X -c pass'),
  ask('PYTHONWARNINGS=ignore::appx.Warn python3 -c pass'),
  ask('env PYTHONWARNINGS=default,error::appx.X python3 -c pass'),
  allow('python3 -W error::DeprecationWarning -c pass'),
  allow('python3 -W ignore::oky.X -c pass'),
  allow('PYTHONWARNINGS=ignore python3 -c pass'),
]);

table('classes an app server or worker imports by an option', [
  ask('gunicorn -k appx.Worker oky:app'),
  ask('gunicorn --worker-class=appx.Worker oky:app'),
  ask('celery -A oky worker --config appx'),
  ask('uvicorn oky:app --loop appx:loop'),
  ask('uvicorn oky:app --http appx:Protocol'),
  allow('gunicorn -k gevent oky:app'),
  allow('gunicorn -k uvicorn.workers.UvicornWorker oky:app'),
  allow('uvicorn oky:app --loop uvloop'),
  allow('celery -A oky worker --config oky'),
]);

table('orchestrators and runners load the file or module they are given', [
  ask('dagster dev -f appx.py'),
  ask('dagster job execute -m appx'),
  ask('dagster-webserver -f appx.py'),
  ask('prefect deploy appx.py:flow'),
  ask('luigi --module appx Task'),
  ask('python -m luigi --module appx Task --local-scheduler'),
  ask('scrapy runspider appx.py'),
  ask('modal run appx.py'),
  ask('modal deploy appx.py::app'),
  ask('twistd -n web --wsgi appx.app'),
  ask('twistd -ny appx.py'),
  allow('dagster dev -f oky.py'),
  allow('prefect deploy oky.py:flow'),
  allow('luigi --module oky Task'),
  allow('scrapy runspider oky.py'),
  allow('scrapy list'),
  allow('modal app list'),
  allow('twistd -n web --path ./public'),
]);
