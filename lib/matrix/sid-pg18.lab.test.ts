import { describeCell } from './testing/cell-workflows';

process.env.DATABASE_URL = 'memory:';
process.env.TANDEM_SECRET_KEY = 'e'.repeat(64);

describeCell('sid-pg18');
