/** A form that sends to the API and shows the server's field errors beside its fields. */
import { Form } from 'antd';
import { useState } from 'react';
import { applyServerErrors } from './forms.ts';

/** Returns the antd form, the banner errors, a busy flag and a wrapper for the submit handler. */
export function useServerForm<T>(fields: readonly string[]) {
  const [form] = Form.useForm<T>();
  const [errors, setErrors] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const run =
    (send: (values: T) => Promise<void>) =>
    async (values: T): Promise<void> => {
      setBusy(true);
      setErrors([]);
      try {
        await send(values);
      } catch (err) {
        setErrors(applyServerErrors(form, err, fields));
      } finally {
        setBusy(false);
      }
    };
  return { form, errors, setErrors, busy, run };
}
