INSERT INTO ticket (id, national_id, branch_office, queue, status, created_at) VALUES
  (1, '12345678', 'Centro', 'CAJA', 'ATENDIDO', now() - interval '40 days'),
  (2, '23456789', 'Centro', 'CAJA', 'ATENDIDO', now() - interval '35 days'),
  (3, '34567890', 'Norte', 'PERSONAL', 'ATENDIDO', now() - interval '33 days'),
  (4, '45678901', 'Norte', 'EMPRESAS', 'ATENDIDO', now() - interval '20 days'),
  (5, '56789012', 'Sur', 'CAJA', 'ATENDIDO', now() - interval '10 days'),
  (6, '67890123', 'Sur', 'GERENCIA', 'ATENDIDO', now() - interval '5 days'),
  (7, '78901234', 'Centro', 'CAJA', 'ATENDIDO', now() - interval '2 days'),
  (8, '89012345', 'Centro', 'PERSONAL', 'ATENDIDO', now() - interval '1 day'),
  (9, '90123456', 'Norte', 'CAJA', 'EN_ATENCION', now() - interval '2 hours'),
  (10, '11223344', 'Norte', 'EMPRESAS', 'EN_ESPERA', now() - interval '1 hour'),
  (11, '22334455', 'Sur', 'CAJA', 'EN_ESPERA', now() - interval '30 minutes'),
  (12, '33445566', 'Sur', 'PERSONAL', 'EN_ESPERA', now() - interval '10 minutes');
SELECT setval('ticket_id_seq', 12);
INSERT INTO mensaje (id, ticket_id, chat_id, texto, estado, created_at)
SELECT t.id * 2 - 1, t.id, '10000' || t.id, 'Ticket ' || t.id || ' creado en la cola ' || t.queue, 'ENVIADO', t.created_at FROM ticket t
UNION ALL
SELECT t.id * 2, t.id, '10000' || t.id, 'Ticket ' || t.id || ': es su turno', 'ENVIADO', t.created_at + interval '5 minutes' FROM ticket t WHERE t.id <= 8;
SELECT setval('mensaje_id_seq', 23);
