CREATE TABLE IF NOT EXISTS users (
  id SERIAL PRIMARY KEY, email TEXT NOT NULL UNIQUE, name TEXT NOT NULL, role TEXT NOT NULL DEFAULT 'adopter',
  created_at TIMESTAMPTZ NOT NULL DEFAULT now());
CREATE TABLE IF NOT EXISTS pets (
  id SERIAL PRIMARY KEY, name TEXT NOT NULL, species TEXT NOT NULL, status TEXT NOT NULL DEFAULT 'available',
  created_at TIMESTAMPTZ NOT NULL DEFAULT now());
CREATE TABLE IF NOT EXISTS adoptions (
  id SERIAL PRIMARY KEY, pet_id INT NOT NULL REFERENCES pets (id), user_id INT NOT NULL REFERENCES users (id),
  adopted_at TIMESTAMPTZ NOT NULL DEFAULT now());
-- The seed goes into empty tables only (a new database): a restart must not bring back rows that
-- were deleted (the lab's rows-deleted fault is repaired by RB-01, not by restarting the backend).
INSERT INTO users (id, email, name, role) SELECT * FROM (VALUES
  (1, 'admin@pawpaw.mx', 'Admin Torreón', 'admin'), (2, 'laura@example.mx', 'Laura Garza', 'adopter'),
  (3, 'diego@example.mx', 'Diego Ruiz', 'adopter'), (4, 'ana@example.mx', 'Ana Treviño', 'volunteer')) AS seed
  WHERE NOT EXISTS (SELECT 1 FROM users);
INSERT INTO pets (id, name, species, status) SELECT * FROM (VALUES
  (1, 'Canela', 'perro', 'adopted'), (2, 'Michi', 'gato', 'available'), (3, 'Rocky', 'perro', 'available'),
  (4, 'Luna', 'gato', 'adopted'), (5, 'Toby', 'perro', 'available'), (6, 'Nube', 'conejo', 'available')) AS seed
  WHERE NOT EXISTS (SELECT 1 FROM pets);
INSERT INTO adoptions (id, pet_id, user_id) SELECT * FROM (VALUES (1, 1, 2), (2, 4, 3)) AS seed
  WHERE NOT EXISTS (SELECT 1 FROM adoptions);
SELECT setval('users_id_seq', (SELECT max(id) FROM users));
SELECT setval('pets_id_seq', (SELECT max(id) FROM pets));
SELECT setval('adoptions_id_seq', (SELECT max(id) FROM adoptions));
