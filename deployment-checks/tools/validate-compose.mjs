// Validates a docker-compose file against the Compose specification JSON schema (the copy dclint ships).
// Usage: node validate-compose.mjs <compose.yml as JSON on stdin>; prints the errors, exits 1 when there are any.
import { readFileSync } from 'node:fs';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';

const here = new URL('.', import.meta.url).pathname;
const schema = JSON.parse(readFileSync(here + 'node_modules/dclint/schemas/compose.schema.json', 'utf8'));
delete schema.$schema; // draft-07 under its https name, which ajv does not register; the schema itself is draft-07
const compose = JSON.parse(readFileSync(0, 'utf8'));
const ajv = new Ajv({ allErrors: true, strict: false });
addFormats(ajv);
const validate = ajv.compile(schema);
if (validate(compose)) {
  console.log('valid');
} else {
  for (const error of validate.errors) {
    console.log(`${error.instancePath || '/'} ${error.message} ${JSON.stringify(error.params)}`);
  }
  process.exit(1);
}
