/** Runs `body` with the environment variable `name` set to `value` (undefined: unset), then puts it back as it was. */
export async function withEnvVar<T>(name: string, value: string | undefined, body: () => Promise<T>): Promise<T> {
  const saved = process.env[name];
  if (value === undefined) delete process.env[name];
  else process.env[name] = value;
  try {
    return await body();
  } finally {
    if (saved === undefined) delete process.env[name];
    else process.env[name] = saved;
  }
}
