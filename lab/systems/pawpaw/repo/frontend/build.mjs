// npm run build: dist/index.html from the template.
import { mkdirSync, writeFileSync } from 'node:fs';
import { renderIndex } from './render.mjs';

const pets = [{ name: 'Michi', species: 'gato' }, { name: 'Rocky', species: 'perro' }, { name: 'Nube', species: 'conejo' }];
mkdirSync(new URL('./dist/', import.meta.url), { recursive: true });
writeFileSync(new URL('./dist/index.html', import.meta.url), renderIndex({ title: 'Paw Paw Torreón', pets }));
console.log('dist/index.html');
