/** People and their roles (domain.md §1). */
import { type AppContext, inTransaction } from '../../app/context.ts';
import type { PersonTable } from '../../db/schema.ts';
import { invalid, problem } from '../../shared/errors.ts';
import { newId } from '../../shared/ids.ts';
import { hashPassword, passwordProblem } from '../access/password.ts';
import { CUSTOMER_ROLES, type Role } from '../access/roles.ts';
import { diffRecords } from '../history/history.rules.ts';
import { type HistoryActor, recordHistory } from '../history/history.service.ts';
import * as repo from './people.repository.ts';

export interface PersonCreate {
  username: string;
  displayName: string;
  roles: Role[];
  password?: string | undefined;
  phone?: string | null | undefined;
  email?: string | null | undefined;
  partnerId?: string | null | undefined;
  customerId?: string | null | undefined;
  regionIds?: string[] | undefined;
  locale?: 'zh-CN' | 'en' | undefined;
  timeZone?: string | null | undefined;
}

/** Problems with a set of roles for where the person belongs (pure). */
export function roleProblems(roles: readonly Role[], partnerId: string | null, customerId: string | null) {
  const problems = [];
  if (roles.length === 0) problems.push(problem('roles', '至少需要一个角色', 'at least one role is needed'));
  const customerRoles = roles.filter((r) => CUSTOMER_ROLES.includes(r));
  if (customerRoles.length && !customerId) {
    problems.push(problem('customerId', '客户方角色必须关联客户', 'customer-side roles need a customer'));
  }
  if (customerId && roles.some((r) => !CUSTOMER_ROLES.includes(r))) {
    problems.push(
      problem(
        'roles',
        '客户方人员只能持有客户方角色',
        'a customer’s person may hold only customer-side roles',
      ),
    );
  }
  if (partnerId && customerId) {
    problems.push(
      problem(
        'partnerId',
        '人员不能同时属于合作方和客户',
        'a person cannot belong to both a partner and a customer',
      ),
    );
  }
  if (partnerId && roles.includes('admin')) {
    problems.push(
      problem('roles', '合作方人员不能担任管理员', 'a partner’s person cannot be an administrator'),
    );
  }
  return problems;
}

/** Creates a person with roles (and a password if given), with history. */
export async function createPerson(
  ctx: AppContext,
  actor: HistoryActor,
  input: PersonCreate,
): Promise<PersonTable> {
  const problems = roleProblems(input.roles, input.partnerId ?? null, input.customerId ?? null);
  if (input.password !== undefined) {
    const p = passwordProblem(input.password);
    if (p === 'too_short')
      problems.push(problem('password', '密码至少 8 个字符', 'must be at least 8 characters'));
    if (p === 'too_simple') {
      problems.push(
        problem(
          'password',
          '密码需包含字母、数字、符号中的至少两类',
          'must mix at least two of letters, digits and symbols',
        ),
      );
    }
  }
  if (problems.length) throw invalid(problems);
  const passwordHash = input.password === undefined ? null : await hashPassword(input.password);
  return inTransaction(ctx, async (tx) => {
    const now = tx.clock.now().toISOString();
    const row: PersonTable = {
      id: newId(),
      username: input.username,
      display_name: input.displayName,
      phone: input.phone ?? null,
      email: input.email ?? null,
      partner_id: input.partnerId ?? null,
      customer_id: input.customerId ?? null,
      password_hash: passwordHash,
      active: 1,
      locale: input.locale ?? 'zh-CN',
      time_zone: input.timeZone ?? null,
      created_at: now,
      updated_at: now,
    };
    await repo.insertPerson(tx.db, row, input.roles, input.regionIds ?? []);
    const { password_hash: _omit, ...shown } = row;
    await recordHistory(tx, actor, {
      entityType: 'person',
      entityId: row.id,
      action: 'create',
      changes: {
        ...diffRecords(null, shown),
        roles: [null, input.roles],
        regionIds: [null, input.regionIds ?? []],
      },
    });
    return row;
  });
}
