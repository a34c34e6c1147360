import { TestServer } from '../support/test-server';

/** Integrations read field types from the OpenAPI document: no property may be a bare `object` that says nothing. */
describe('OpenAPI field types', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await TestServer.start();
  });
  afterAll(() => t.close());

  it('types every property of every schema (a nullable string is a string, not an object)', async () => {
    const doc = await t.request('GET', '/api/docs-json');
    const bare: string[] = [];
    for (const [name, schema] of Object.entries<any>(doc.body.components?.schemas ?? {})) {
      for (const [prop, p] of Object.entries<any>(schema.properties ?? {})) {
        const typed = (s: any) => s.$ref || s.properties || s.additionalProperties || s.type !== 'object';
        if (!typed(p) || (p.type === 'array' && p.items && !typed(p.items))) bare.push(`${name}.${prop}`);
      }
    }
    expect(bare).toEqual([]);
  });
});
