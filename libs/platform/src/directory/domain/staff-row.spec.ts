import { normaliseHeader, validateStaffRows } from './staff-row';

const depts = new Map([
  ['総務課', 'd1'],
  ['soumu', 'd1'],
]);

describe('staff CSV rows', () => {
  it('maps Japanese and English headers', () => {
    expect(normaliseHeader('\uFEFFユーザー名')).toBe('username');
    expect(normaliseHeader('氏名')).toBe('displayName');
    expect(normaliseHeader('Display Name')).toBe('displayName');
    expect(normaliseHeader('所属')).toBe('department');
  });

  it('accepts good rows and reports each bad one with its line and field', () => {
    const { valid, errors } = validateStaffRows(
      [
        { username: 'Sato.Taro', displayName: '佐藤 太郎', department: '総務課', position: '主事', password: 'long-enough-1' },
        { username: 'x', displayName: '', department: '未来課', position: '将軍', roles: 'admin,king', password: 'short' },
        { username: 'sato.taro', displayName: '重複', password: 'long-enough-1' },
        { username: 'existing', displayName: '既存' },
      ],
      depts,
      (u) => u === 'existing',
    );
    expect(valid.map((v) => v.username)).toEqual(['sato.taro', 'existing']);
    expect(valid[0]).toMatchObject({ row: 2, departmentId: 'd1', position: '主事', roles: ['staff'] });
    const fields = errors.filter((e) => e.row === 3).map((e) => e.field);
    expect(fields).toEqual(['username', 'displayName', 'department', 'position', 'roles', 'password']);
    expect(errors).toContainEqual({ row: 4, field: 'username', message: 'duplicate of row 2', reason: 'duplicate', value: 2 });
  });
});
