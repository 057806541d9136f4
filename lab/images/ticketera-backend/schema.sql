-- Ticketera SOC schema and seed data (applied at start; the seed only into empty tables).
CREATE TABLE IF NOT EXISTS users (
  id SERIAL PRIMARY KEY,
  username VARCHAR(50) NOT NULL UNIQUE,
  email VARCHAR(120) NOT NULL,
  role VARCHAR(20) NOT NULL DEFAULT 'analyst',
  is_active BOOLEAN NOT NULL DEFAULT true,
  password_hash VARCHAR(200) NOT NULL DEFAULT '',
  failed_logins INT NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS tickets (
  id SERIAL PRIMARY KEY,
  title VARCHAR(200) NOT NULL,
  severity VARCHAR(10) NOT NULL,
  status VARCHAR(20) NOT NULL DEFAULT 'open',
  reporter_id INT NOT NULL REFERENCES users(id),
  assignee_id INT REFERENCES users(id),
  attachment VARCHAR(200),
  created_at TIMESTAMP NOT NULL DEFAULT now()
);
INSERT INTO users (username, email, role, password_hash)
SELECT * FROM (VALUES
  ('admin', 'admin@ticketera.local', 'admin', 'pbkdf2_sha256$lab$admin'),
  ('ana.soc', 'ana@ticketera.local', 'analyst', 'pbkdf2_sha256$lab$ana'),
  ('bruno.soc', 'bruno@ticketera.local', 'analyst', 'pbkdf2_sha256$lab$bruno'),
  ('carla.lead', 'carla@ticketera.local', 'lead', 'pbkdf2_sha256$lab$carla'),
  ('diego.ops', 'diego@ticketera.local', 'operator', 'pbkdf2_sha256$lab$diego')
) AS seed(username, email, role, password_hash)
WHERE NOT EXISTS (SELECT 1 FROM users);
INSERT INTO tickets (title, severity, status, reporter_id, assignee_id, attachment)
SELECT * FROM (VALUES
  ('Phishing reportado por finanzas', 'high', 'open', 4, 2, 'uploads/tickets/1/correo.eml'),
  ('Escaneo de puertos desde 203.0.113.7', 'medium', 'closed', 2, 3, NULL),
  ('Malware en estación de RR. HH.', 'critical', 'in_progress', 4, 2, 'uploads/tickets/3/muestra.txt'),
  ('Intentos de login fallidos en VPN', 'medium', 'open', 5, 3, NULL),
  ('Certificado TLS por vencer', 'low', 'closed', 5, 5, NULL),
  ('Exfiltración sospechosa por DNS', 'high', 'in_progress', 3, 4, 'uploads/tickets/6/dns.log'),
  ('Cuenta de servicio con privilegios excesivos', 'medium', 'open', 4, 3, NULL),
  ('Alerta de EDR: proceso sin firma', 'high', 'open', 2, 2, NULL),
  ('Revisión mensual de reglas del firewall', 'low', 'open', 5, 5, NULL),
  ('USB no autorizado en sala de servidores', 'medium', 'closed', 3, 4, 'uploads/tickets/10/foto.txt'),
  ('Ataque de fuerza bruta a SSH', 'high', 'closed', 2, 3, NULL),
  ('Parche crítico pendiente en el servidor de correo', 'critical', 'open', 4, 5, NULL)
) AS seed(title, severity, status, reporter_id, assignee_id, attachment)
WHERE NOT EXISTS (SELECT 1 FROM tickets);
