/**
 * ImageRepository: gift photos on the `gift-tracker` table.
 *   pk USER#<u> / sk IMAGE#<id>
 *   gsi4  USER#<u>#GIFT#<g> / IMAGE#<id>      a gift's images (removed with the gift)
 * An image is `pending` from POST /images until `complete` finds its object; only then is its id
 * added to the gift's `imageIds`.
 */
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { db } from '@platform/libs/db';
import { NotFound } from '@platform/libs/errors';
import { gifts } from './gifts';
import { compact, conditionExists, createItem, deleteItem, deleteKeys, existing, getItem, type Item, keyOf, partitions, queryAll } from './table';
import { stripStorage, table, write } from './table';
import type { GiftImage } from '../model';

const toImage = (item: Item): GiftImage => stripStorage(item) as unknown as GiftImage;

const toItem = (userId: string, image: GiftImage): Item =>
  compact({ ...keyOf(userId, 'IMAGE', image.id), ...image, userId, gsi4pk: partitions.giftImages(userId, image.giftId), gsi4sk: `IMAGE#${image.id}` });

export class ImageRepository {
  /** Records a pending image of one of the user's gifts (404 when the gift is not theirs). */
  async create(userId: string, image: GiftImage): Promise<GiftImage> {
    const failed = await write([conditionExists(userId, 'GIFT', image.giftId), createItem(toItem(userId, image))]);
    if (failed.length) throw new NotFound('Gift');
    return image;
  }

  async require(userId: string, id: string): Promise<GiftImage> {
    return toImage(existing(await getItem(userId, 'IMAGE', id), 'Image'));
  }

  /** Marks the image uploaded and adds it to its gift, together (404 when either is gone). */
  async markUploaded(userId: string, image: GiftImage): Promise<GiftImage> {
    const uploadedAt = new Date().toISOString();
    const failed = await write([
      {
        Update: {
          TableName: table(),
          Key: keyOf(userId, 'IMAGE', image.id),
          UpdateExpression: 'SET #status = :uploaded, uploadedAt = :at',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':uploaded': 'uploaded', ':at': uploadedAt },
        },
      },
      gifts.imageLink(userId, image.giftId, image.id, 'ADD'),
    ]);
    if (failed.includes(0)) throw new NotFound('Image');
    if (failed.length) throw new NotFound('Gift');
    return { ...image, status: 'uploaded', uploadedAt };
  }

  /** Deletes the image record and takes it off its gift (the gift may already be gone). */
  async remove(userId: string, image: GiftImage): Promise<boolean> {
    const old = await deleteItem(userId, 'IMAGE', image.id);
    if (old && image.status === 'uploaded') {
      await db()
        .send(new UpdateCommand(gifts.imageLinkUpdate(userId, image.giftId, image.id, 'DELETE')))
        .catch((error) => {
          if ((error as { name?: string }).name !== 'ConditionalCheckFailedException') throw error;
        });
    }
    return !!old;
  }

  /** Every image of a gift, pending ones included. */
  async ofGift(userId: string, giftId: string): Promise<GiftImage[]> {
    const items = await queryAll({
      IndexName: 'gsi4',
      KeyConditionExpression: 'gsi4pk = :p AND begins_with(gsi4sk, :i)',
      ExpressionAttributeValues: { ':p': partitions.giftImages(userId, giftId), ':i': 'IMAGE#' },
    });
    return items.map(toImage);
  }

  async removeAll(userId: string, images: readonly GiftImage[]): Promise<void> {
    await deleteKeys(images.map((i) => keyOf(userId, 'IMAGE', i.id)));
  }
}

export const images = new ImageRepository();
