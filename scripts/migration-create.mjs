// npm run migration:create -- <context> <name>: writes libs/<context>/src/migrations/<timestamp>-<name>.ts to fill in.
// Migrations are hand-written SQL, read and committed; add the class to the context's <CTX>_MIGRATIONS list.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const [context, name] = process.argv.slice(2);
if (!context || !name || !/^[a-z][a-z0-9-]*$/.test(name) || !existsSync(join('libs', context))) {
  console.error('usage: npm run migration:create -- <context: platform|chat|meetings|...> <kebab-case-name>');
  process.exit(2);
}
const stamp = Date.now();
const className = `${name.replace(/(^|-)([a-z0-9])/g, (_, __, c) => c.toUpperCase())}${stamp}`;
const dir = context === 'platform' ? join('libs', context, 'src', 'database', 'migrations') : join('libs', context, 'src', 'migrations');
mkdirSync(dir, { recursive: true });
const file = join(dir, `${stamp}-${name}.ts`);
writeFileSync(
  file,
  `import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ${className} implements MigrationInterface {
  name = '${className}';

  async up(q: QueryRunner): Promise<void> {
    await q.query(\`\`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(\`\`);
  }
}
`,
);
console.log(`created ${file}: add ${className} to the ${context} migrations list`);
