DROP TABLE party_settlements;
