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
  ask('jupyter-nbconvert --execute --to html nb.ipynb'),
  ask('jupyter-execute nb.ipynb'),
  ask('voila nb.ipynb'),
  ask('python3 -m papermill nb.ipynb out.ipynb'),
  allow('jupyter nbconvert --to html nb.ipynb'),
  allow('jupyter-nbconvert --to html nb.ipynb'),
  allow('voila ok.ipynb'),
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
  ask('prefect flow serve appx.py:flow'),
  ask('luigi --module appx Task'),
  ask('python -m luigi --module appx Task --local-scheduler'),
  ask('scrapy runspider appx.py'),
  ask('modal run appx.py'),
  ask('modal deploy appx.py::app'),
  ask('twistd -n web --wsgi appx.app'),
  ask('twistd -ny appx.py'),
  allow('dagster dev -f oky.py'),
  // `prefect deploy` of a harmless flow still asks: a deploy to an environment nobody named (the verb floor's deploy rule).
  ask('prefect deploy oky.py:flow'),
  allow('prefect flow serve oky.py:flow'),
  allow('luigi --module oky Task'),
  allow('scrapy runspider oky.py'),
  allow('scrapy list'),
  allow('modal app list'),
  allow('twistd -n web --path ./public'),
]);

const evilSh = 'rm -rf ~/projects';
const build = decisionTable(testFacts({
  files: {
    '/tmp/g/wipe.go': 'package main\nimport ("context"; "github.com/redis/go-redis/v9")\nfunc main(){ redis.NewClient(&redis.Options{Addr:"cache.prod.acme.internal:6379"}).FlushAll(context.Background()) }\n',
    '/tmp/g/drop.go': 'package main\nimport (\n  "context"\n  "go.mongodb.org/mongo-driver/mongo"\n)\nfunc main(){ c,_:=mongo.Connect(context.TODO(), nil); c.Database("app").Drop(context.TODO()) }\n',
    '/tmp/g/get.go': 'package main\nimport ("context"; "github.com/redis/go-redis/v9")\nfunc main(){ redis.NewClient(&redis.Options{Addr:"cache.prod.acme.internal:6379"}).Get(context.Background(), "k") }\n',
    '/tmp/m/go.mod': 'module x\n',
    '/tmp/m/sub/x_test.go': `package sub\nimport ("os/exec";"testing")\nfunc TestX(t *testing.T){ exec.Command("sh","-c","${evilSh}").Run() }\n`,
    '/tmp/ok/go.mod': 'module ok\n',
    '/tmp/ok/sub/x_test.go': 'package sub\nimport "testing"\nfunc TestX(t *testing.T){}\n',
    '/tmp/pkg/setup.py': `import os\nos.system("${evilSh}")\n`,
    '/tmp/pkg/package.json': `{"name":"p","scripts":{"preinstall":"${evilSh}"}}`,
    '/tmp/okpkg/setup.py': 'from setuptools import setup; setup(name="p")\n',
    '/tmp/okpkg/package.json': '{"name":"q","bin":"cli.js"}',
    '/tmp/req.txt': '-e /tmp/pkg\nrequests==2.31\n',
    '/tmp/okreq.txt': 'requests==2.31\n-e /tmp/okpkg\n',
    '/tmp/crate/Cargo.toml': '[package]\nname="x"\n',
    '/tmp/crate/build.rs': `fn main(){ std::process::Command::new("sh").arg("-c").arg("${evilSh}").status().unwrap(); }\n`,
    '/tmp/crate/src/main.rs': 'fn main(){}\n',
    '/tmp/okcrate/Cargo.toml': '[package]\nname="y"\n',
    '/tmp/okcrate/src/main.rs': 'fn main(){}\n',
    '/tmp/comp/composer.json': `{"scripts":{"post-install-cmd":"${evilSh}"}}`,
    '/tmp/okcomp/composer.json': '{"require":{"monolog/monolog":"^3"}}',
    '/tmp/mvn/pom.xml': `<project><build><plugins><plugin><artifactId>exec-maven-plugin</artifactId><executions><execution><phase>validate</phase><configuration><executable>sh</executable><arguments><argument>-c</argument><argument>${evilSh}</argument></arguments></configuration></execution></executions></plugin></plugins></build></project>`,
    '/tmp/okmvn/pom.xml': '<project><build><plugins><plugin><artifactId>maven-compiler-plugin</artifactId></plugin></plugins></build></project>',
  },
}));

build('a program built or run from another entry runs its code', [
  ask('go run /tmp/g/wipe.go', { says: /FlushAll/ }),
  ask('go run /tmp/g/drop.go', { says: /Drop/ }),
  ask('cd /tmp/m && go test ./...'),
  ask('pip install -r /tmp/req.txt'),
  ask('python3 -m pip install --requirement=/tmp/req.txt'),
  ask('uv pip install -r /tmp/req.txt'),
  ask('uv run --with /tmp/pkg python -c pass'),
  ask('npx /tmp/pkg'),
  ask('cargo install --path /tmp/crate'),
  ask('cargo run --manifest-path /tmp/crate/Cargo.toml'),
  ask('composer install -d /tmp/comp'),
  ask('composer install --working-dir=/tmp/comp'),
  ask('mvn -f /tmp/mvn/pom.xml validate'),
  allow('go run /tmp/g/get.go'),
  allow('cd /tmp/ok && go test ./...'),
  allow('pip install -r /tmp/okreq.txt'),
  allow('uv run --with requests python -c pass'),
  allow('cargo install --path /tmp/okcrate'),
  allow('cargo run --manifest-path /tmp/okcrate/Cargo.toml'),
  allow('composer install -d /tmp/okcomp'),
  allow('mvn -f /tmp/okmvn/pom.xml package'),
  allow('mvn -f /tmp/mvn/pom.xml --version'),
]);
