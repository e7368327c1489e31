import Ajv from 'ajv';
import { readFile } from 'node:fs/promises';
import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';

/** electron-builder's own schema for its configuration, as shipped in app-builder-lib. */
async function loadSchemaAndConfig() {
  const schema = JSON.parse(await readFile('node_modules/app-builder-lib/scheme.json', 'utf8')) as Record<string, unknown>;
  const config = load(await readFile('electron-builder.yml', 'utf8')) as Record<string, any>;
  return { schema, config };
}

describe('electron-builder.yml', () => {
  it("validates against electron-builder's JSON schema, offline", async () => {
    const { schema, config } = await loadSchemaAndConfig();
    const ajv = new Ajv({ allErrors: true, strict: false, allowUnionTypes: true });
    const validate = ajv.compile(schema);
    const ok = validate(config);
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  it('declares the real targets: nsis, dmg with hardened runtime, AppImage and deb', async () => {
    const { config } = await loadSchemaAndConfig();
    expect(config.appId).toBe('edu.autolab.desktop');
    const targets = (list: Array<{ target: string }>) => list.map((t) => t.target);
    expect(targets(config.win.target)).toContain('nsis');
    expect(targets(config.mac.target)).toContain('dmg');
    expect(config.mac.hardenedRuntime).toBe(true);
    expect(targets(config.linux.target)).toEqual(expect.arrayContaining(['AppImage', 'deb']));
  });

  it('flips the Electron fuses design.md asks for and unpacks keytar', async () => {
    const { config } = await loadSchemaAndConfig();
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
    });
    expect(config.asarUnpack).toContain('**/node_modules/keytar/**');
  });

  it('rejects a config the schema forbids (the validator is really checking)', async () => {
    const { schema, config } = await loadSchemaAndConfig();
    const ajv = new Ajv({ allErrors: true, strict: false, allowUnionTypes: true });
    const validate = ajv.compile(schema);
    expect(validate({ ...config, electronFuses: { runAsNode: 'no' } })).toBe(false);
    expect(validate({ ...config, notAnOption: true })).toBe(false);
  });
});
