/**
 * Node's own start-up depends on the environment: NODE_EXTRA_CA_CERTS (set on some machines) makes a
 * bare `node -e 0` several times slower, which flatters every ratio. Both are reported: the machine's
 * environment, and a clean one with it unset for both processes of each pair.
 */
export function startupEnvironments() {
  const clean = { ...process.env };
  delete clean.NODE_EXTRA_CA_CERTS;
  if (process.env.NODE_EXTRA_CA_CERTS === undefined) return [['machine env', process.env]];
  return [
    ['machine env (NODE_EXTRA_CA_CERTS set)', process.env],
    ['clean env (NODE_EXTRA_CA_CERTS unset)', clean],
  ];
}
