CREATE TABLE IF NOT EXISTS Product (
  id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  company_id BIGINT NOT NULL,
  name VARCHAR(255) NOT NULL,
  CONSTRAINT fk_product_company FOREIGN KEY (company_id) REFERENCES Company (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
INSERT IGNORE INTO Product (id, company_id, name) VALUES
  (1, 1, 'Cacao fino de aroma'), (2, 2, 'Cacao CCN-51'), (3, 3, 'Café arábica lavado'), (4, 5, 'Nibs de cacao');
