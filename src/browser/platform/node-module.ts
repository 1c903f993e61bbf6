// What the browser build gives the code that imports `node:module` (scripts/build-browser.mjs maps
// the import here). Modules that load a package lazily (the YAML parser, Ajv's compiler) make a
// `require` when they load; in the browser build nothing calls it: the specs arrive parsed and
// their validators compiled (src/browser/README.md). A call anyway fails with the package's name.
export function createRequire(_from: string | URL): (id: string) => never {
  return (id) => {
    throw new Error(`whop-mock/browser cannot load ${id}: the browser build ships the specs parsed and their validators compiled`);
  };
}
