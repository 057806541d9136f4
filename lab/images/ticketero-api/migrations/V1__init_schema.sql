CREATE TABLE ticket (
  id BIGSERIAL PRIMARY KEY,
  national_id VARCHAR(20) NOT NULL,
  branch_office VARCHAR(100) NOT NULL,
  queue VARCHAR(20) NOT NULL,
  status VARCHAR(20) NOT NULL DEFAULT 'EN_ESPERA',
  created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX idx_ticket_queue_status ON ticket (queue, status);
CREATE TABLE mensaje (
  id BIGSERIAL PRIMARY KEY,
  ticket_id BIGINT REFERENCES ticket (id) ON DELETE CASCADE,
  chat_id VARCHAR(40) NOT NULL,
  texto TEXT NOT NULL,
  estado VARCHAR(20) NOT NULL,
  created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX idx_mensaje_created_at ON mensaje (created_at);
