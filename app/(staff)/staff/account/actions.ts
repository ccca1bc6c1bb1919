'use server';

import { z } from 'zod';
import { defineAction } from '@/lib/auth/action';
import { changeStaffPassword } from '@/lib/server/staff/change-password';
import { text } from '@/lib/validation/envelope';

export const changePasswordAction = defineAction('staff', z.object({ current: text, next: text, confirm: text }), (input, ctx) => changeStaffPassword(ctx, input));
