CREATE TABLE IF NOT EXISTS users (
  id SERIAL PRIMARY KEY, email TEXT NOT NULL UNIQUE, name TEXT NOT NULL, role TEXT NOT NULL DEFAULT 'adopter',
  created_at TIMESTAMPTZ NOT NULL DEFAULT now());
CREATE TABLE IF NOT EXISTS pets (
  id SERIAL PRIMARY KEY, name TEXT NOT NULL, species TEXT NOT NULL, status TEXT NOT NULL DEFAULT 'available',
  created_at TIMESTAMPTZ NOT NULL DEFAULT now());
CREATE TABLE IF NOT EXISTS adoptions (
  id SERIAL PRIMARY KEY, pet_id INT NOT NULL REFERENCES pets (id), user_id INT NOT NULL REFERENCES users (id),
  adopted_at TIMESTAMPTZ NOT NULL DEFAULT now());
INSERT INTO users (id, email, name, role) VALUES
  (1, 'admin@pawpaw.mx', 'Admin Torreón', 'admin'), (2, 'laura@example.mx', 'Laura Garza', 'adopter'),
  (3, 'diego@example.mx', 'Diego Ruiz', 'adopter'), (4, 'ana@example.mx', 'Ana Treviño', 'volunteer')
  ON CONFLICT (id) DO NOTHING;
INSERT INTO pets (id, name, species, status) VALUES
  (1, 'Canela', 'perro', 'adopted'), (2, 'Michi', 'gato', 'available'), (3, 'Rocky', 'perro', 'available'),
  (4, 'Luna', 'gato', 'adopted'), (5, 'Toby', 'perro', 'available'), (6, 'Nube', 'conejo', 'available')
  ON CONFLICT (id) DO NOTHING;
INSERT INTO adoptions (id, pet_id, user_id) VALUES (1, 1, 2), (2, 4, 3) ON CONFLICT (id) DO NOTHING;
SELECT setval('users_id_seq', (SELECT max(id) FROM users));
SELECT setval('pets_id_seq', (SELECT max(id) FROM pets));
SELECT setval('adoptions_id_seq', (SELECT max(id) FROM adoptions));
