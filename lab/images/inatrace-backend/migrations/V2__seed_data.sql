INSERT INTO Company (id, name, country) VALUES
  (1, 'Cooperativa Fortaleza del Valle', 'EC'), (2, 'Asociación Cacao Arriba', 'EC'),
  (3, 'Exportadora Café de Loja', 'EC'), (4, 'Finca Los Ríos', 'EC'), (5, 'Cacao Noble Manabí', 'EC');
INSERT INTO `User` (id, email, name, surname, role, password) VALUES
  (1, 'admin@inatrace.local', 'Ana', 'Admin', 'SYSTEM_ADMIN', '$2a$10$labhashlabhashlabhashla'),
  (2, 'maria.lopez@fortaleza.ec', 'María', 'López', 'USER', '$2a$10$labhashlabhashlabhashlb'),
  (3, 'jose.vera@fortaleza.ec', 'José', 'Vera', 'USER', '$2a$10$labhashlabhashlabhashlc'),
  (4, 'lucia.mera@cacaoarriba.ec', 'Lucía', 'Mera', 'USER', '$2a$10$labhashlabhashlabhashld'),
  (5, 'pedro.zambrano@cafeloja.ec', 'Pedro', 'Zambrano', 'USER', '$2a$10$labhashlabhashlabhashle'),
  (6, 'carmen.rios@losrios.ec', 'Carmen', 'Ríos', 'USER', '$2a$10$labhashlabhashlabhashlf'),
  (7, 'luis.cedeno@cacaonoble.ec', 'Luis', 'Cedeño', 'USER', '$2a$10$labhashlabhashlabhashlg'),
  (8, 'sofia.andrade@fortaleza.ec', 'Sofía', 'Andrade', 'USER', '$2a$10$labhashlabhashlabhashlh');
INSERT INTO CompanyUser (company_id, user_id, role) VALUES
  (1, 2, 'COMPANY_ADMIN'), (1, 3, 'COMPANY_USER'), (1, 8, 'COMPANY_USER'), (2, 4, 'COMPANY_ADMIN'),
  (3, 5, 'COMPANY_ADMIN'), (4, 6, 'COMPANY_ADMIN'), (5, 7, 'COMPANY_ADMIN');
