// Shown while a customer's identities, traits, journal and events load.
import { ProfileSkeleton } from "@/components/customers/skeletons";

export default function CustomerLoading() {
  return <ProfileSkeleton />;
}
