import { ask, allow, decisionTable } from '../support/decisionTable';
import { testFacts } from '../support/policyFixtures';

/**
 * Round 8 rest, deferred places: literal text an interpreter writes or appends into a place that runs
 * it later (a Makefile, a git hook) is judged as `printf … >> Makefile` is; a Kubernetes workload
 * manifest edited so that, once applied by kubectl, CI or a GitOps sync, it stops serving (replicas 0)
 * or runs another image, or gains a command, asks and is production (where it is applied nothing names).
 */
const DEPLOYMENT = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\nspec:\n  replicas: 2\n  template:\n    spec:\n      containers:\n        - name: api\n          image: ghcr.io/acme/api:1.2.0\n';
const table = decisionTable(testFacts({
  files: {
    '/work/app/Makefile': 'build:\n\tnpm run build\n',
    '/work/app/k8s/deployment.yaml': DEPLOYMENT,
    '/work/app/k8s/configmap.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cfg\ndata:\n  replicas: "2"\n',
  },
}));

table('interpreters writing a command into a place that runs it later', [
  ask(`python3 -c "open('Makefile','a').write('\\n\\tterraform destroy -auto-approve\\n')"`, { says: /Makefile/ }),
  ask(`node -e "require('fs').appendFileSync('Makefile','\\n\\tterraform destroy -auto-approve\\n')"`, { says: /Makefile/ }),
  ask(`node -e "require('fs').writeFileSync('Makefile', 'all:\\n\\trm -rf /srv/data\\n')"`),
  ask(`python3 -c "from pathlib import Path; Path('Makefile').write_text('all:\\n\\trm -rf ~/projects\\n')"`),
  ask(`php -r 'file_put_contents("Makefile", "x:\\n\\trm -rf /srv/data\\n", FILE_APPEND);'`),
  ask(`python3 -c "with open('.git/hooks/pre-push', 'w') as f: f.write('#!/bin/sh\\nrm -rf ~/projects\\n')"`),
  allow(`python3 -c "open('Makefile','a').write('\\nlint:\\n\\tnpx eslint .\\n')"`),
  allow(`node -e "require('fs').appendFileSync('notes.txt','\\n\\tterraform destroy -auto-approve\\n')"`),
  allow(`python3 -c "open('out.txt','w').write('terraform destroy')"`),
]);

table('Kubernetes workload manifests edited to stop serving or run another image (applied later: production)', [
  ask("yq -i '.spec.replicas = 0' k8s/deployment.yaml", { production: true, says: /replicas/ }),
  ask("yq -i '.spec.template.spec.containers[0].image = \"busybox\"' k8s/deployment.yaml", { production: true }),
  ask("sed -i 's/image: .*/image: busybox/' k8s/deployment.yaml", { production: true, says: /busybox/ }),
  ask("sed -i.bak -e 's/replicas: 2/replicas: 0/' k8s/deployment.yaml", { production: true }),
  ask(`echo '  postStart: {exec: {command: [sh,-c,"rm -rf /data"]}}' >> k8s/deployment.yaml`, { production: true }),
  ask("printf 'apiVersion: apps/v1\\nkind: Deployment\\nmetadata:\\n  name: api\\nspec:\\n  replicas: 0\\n' > k8s/deployment.yaml", { production: true }),
  allow("yq -i '.spec.replicas = 3' k8s/deployment.yaml"),
  allow("sed -i 's/image: ghcr.io\\/acme\\/api:1.2.0/image: ghcr.io\\/acme\\/api:1.3.0/' k8s/deployment.yaml"),
  allow("sed -i 's/replicas: 2/replicas: 3/' k8s/deployment.yaml"),
  allow("yq -i '.data.replicas = \"0\"' k8s/configmap.yaml"),
  allow("yq '.spec.replicas = 0' k8s/deployment.yaml"),
  allow("echo '# reviewed' >> k8s/deployment.yaml"),
]);
