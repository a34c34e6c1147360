import { escapeFilterValue, fillFilter, groupCn, mapGroups } from './ldap-mapping';

describe('LDAP mapping', () => {
  it('escapes filter values so that a username cannot widen the search', () => {
    expect(escapeFilterValue('*)(uid=*')).toBe('\\2a\\29\\28uid=\\2a');
    expect(fillFilter('(&(objectClass=person)(uid={username}))', { username: 'a*' })).toBe('(&(objectClass=person)(uid=a\\2a))');
    expect(fillFilter('(member={dn})', { username: 'x', dn: 'cn=x(1),dc=t' })).toBe('(member=cn=x\\281\\29,dc=t)');
  });

  it('reads the cn of a group DN', () => {
    expect(groupCn('cn=Somu,ou=groups,dc=town,dc=lg,dc=jp')).toBe('Somu');
    expect(groupCn('ou=x,dc=t')).toBe('ou=x,dc=t');
    expect(groupCn('cn=a\\,b,dc=t')).toBe('a\\,b');
  });

  it('maps groups by DN or cn, case-insensitively; everyone is staff; the first department mapping wins', () => {
    const groups = ['cn=yakuba-admins,ou=groups,dc=town', 'CN=Somu,OU=Groups,DC=town'];
    expect(
      mapGroups(
        groups,
        [
          { group: 'Yakuba-Admins', role: 'admin' },
          { group: 'cn=bousai,ou=groups,dc=town', role: 'disaster_officer' },
        ],
        [
          { group: 'zeimu', departmentId: 'd-zeimu' },
          { group: 'cn=somu,ou=groups,dc=town', departmentId: 'd-somu' },
          { group: 'yakuba-admins', departmentId: 'd-other' },
        ],
      ),
    ).toEqual({ roles: ['staff', 'admin'], departmentId: 'd-somu' });
    expect(mapGroups([], [], [])).toEqual({ roles: ['staff'], departmentId: null });
  });
});
